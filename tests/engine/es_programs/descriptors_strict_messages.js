'use strict';
try { "abc".x = 1; } catch (e) { console.log(e.message); }
try { (5).x = 1; } catch (e) { console.log(e.message); }
try { true.x = 1; } catch (e) { console.log(e.message); }
try { Symbol('q').x = 1; } catch (e) { console.log(e.message); }
try { "abc".length = 1; } catch (e) { console.log(e.message); }
try { "abc"[0] = 1; } catch (e) { console.log(e.message); }
try { var f = function foo() {}; f.name = 1; } catch (e) { console.log(e.message); }
try { class A {}; A.prototype = 1; } catch (e) { console.log(e.message); }
try { Math.PI = 1; } catch (e) { console.log(e.message); }
try { var o = {get x() { return 1; }}; o.x = 1; } catch (e) { console.log(e.message); }
try { class B { get x() { return 1; } }; new B().x = 2; } catch (e) { console.log(e.message); }
try { var a = Object.seal([1,2,3]); a.length = 0; } catch (e) { console.log(e.message); }
try { delete Object.prototype; } catch (e) { console.log(e.message); }
try { var s = Object.seal({a: 1}); delete s.a; } catch (e) { console.log(e.message); }
try { var s = Object.freeze([1]); delete s[0]; } catch (e) { console.log(e.message); }
try { var s = Object.freeze(function g() {}); s.x = 1; } catch (e) { console.log(e.message); }
try { undefined.x = 1; } catch (e) { console.log(e.message); }
