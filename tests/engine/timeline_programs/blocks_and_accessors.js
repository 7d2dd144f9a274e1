let top = 1;
{ let top = {shadow: 1}; const fn = () => top; checkpoint("shadow"); }
for (let i = 0; i < 3; i++) { const fns = []; fns.push(() => i); }
let x = 0;
switch (x) { case 0: { let y = {y: 1}; x = y; } }
function args() { return arguments.length; }
args({a: 1}, {b: 2});
const obj = { get v() { return this._v; }, set v(n) { this._v = {n}; } };
obj.v = 3;
checkpoint("end");
