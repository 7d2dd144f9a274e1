// Strings are values: methods return new strings.
const s = "Hello, World";
console.log(s.toUpperCase(), s.toLowerCase(), s.length);
console.log(s.slice(0, 5), s.indexOf("World"), s.includes("lo"));
console.log(s.split(", "), "  pad ".trim(), "ab".repeat(3));
console.log(s.replace("World", "there"), s.startsWith("He"), s.charAt(4));
const word = s.substring(7);
checkpoint("strings");
