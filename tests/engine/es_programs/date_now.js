// The current time: only its shape is compared (the engine reads the real clock).
const a = Date.now(), d = new Date(), s = Date();
console.log(typeof a, Number.isInteger(a), a > 1.7e12, d instanceof Date, typeof s, s.endsWith("GMT+0000 (Coordinated Universal Time)"));
console.log(Math.abs(d.getTime() - a) < 5000, new Date().getTimezoneOffset(), typeof new Date().toISOString());
