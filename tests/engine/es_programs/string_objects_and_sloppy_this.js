var s=[]; for (var k in "a😀") s.push(k); console.log(s.join());
s=[]; var w = new String("ab"); w.x = 1; for (var k in w) s.push(k); console.log(s.join());
s=[]; for (var k in Object("xyz")) s.push(k); console.log(s.join());
console.log((function(){return typeof this}).call(7), (function(){return this instanceof Number}).call(1), (function(){"use strict"; return typeof this}).call(7));
String.prototype.me = function () { return typeof this; }; console.log("q".me());
s=[]; for (var k in "ab") s.push(k); console.log(s.join());
var w=new String("a😀"); console.log(JSON.stringify(Object.getOwnPropertyDescriptors(w)), Object.getOwnPropertyNames(w).join()); w[0]="z"; console.log(w[0], delete w[0], w.length);
var o = Object("hi"); console.log(Object.keys(o).join(), o.hasOwnProperty("1"), o.hasOwnProperty("length"), JSON.stringify(Object.getOwnPropertyDescriptor(o, "length")));
