// ToPrimitive of wrapper objects runs their (possibly overridden) valueOf/toString; a Symbol wrapper converts through Symbol.prototype[Symbol.toPrimitive].
const n = Object(5); n.valueOf = () => 42;
const s = new String("ab"); s.toString = () => "zz";
const b = Object(1n);
const sym = Object(Symbol("q"));
console.log(n + 1, `${s}`, s + "!", b + 1n, new Number(3) * 2, new Boolean(false) ? "t" : "f", new String("x") == "x");
Number.prototype.valueOf = function () { return 100; };
console.log(new Number(1) + 1);
try { String(sym); } catch (e) { console.log(e.message); }
