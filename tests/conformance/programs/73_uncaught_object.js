// A thrown plain object is not an Error.
const state = { step: 1 };
checkpoint("start");
throw { code: 42, reason: "custom" };
