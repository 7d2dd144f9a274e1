// ?. stops at null or undefined; ?? supplies a default only for them.
const user = { profile: null, settings: { theme: "" } };
const city = user.profile?.address?.city;
const theme = user.settings.theme ?? "light";
const fallback = user.settings.missing ?? "default";
const zero = 0 || "or";
checkpoint("values");
console.log(city, JSON.stringify(theme), fallback, zero, user.nothing?.());
