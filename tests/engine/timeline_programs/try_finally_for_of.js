function risky(n) {
  const tmp = {n};
  try {
    if (n > 1) throw new Error("big " + n);
    return tmp;
  } finally {
    console.log("finally", n);
    checkpoint("fin");
  }
}
risky(1);
try { risky(2); } catch (e) { console.log(e.message); }
for (const x of [{a: 1}, {a: 2}]) { for (const y of [x, x]) { console.log(y.a); } }
risky(3);
