// new RegExp from strings and from other patterns; flags, source escaping, toString; a subclass with its own exec.
const words = ["cat", "dog"];
const any = new RegExp("\\b(" + words.join("|") + ")\\b", "gi");
console.log(any, any.source, any.flags, "Cat and DOG and cow".match(any));
const copy = new RegExp(any, "y");
const same = RegExp(any);
console.log(copy.flags, copy === any, same === any, new RegExp("a/b").source, String(new RegExp("")), String(new RegExp("\n")));
class Logged extends RegExp {
  exec(s) {
    const r = super.exec(s);
    checkpoint("inside exec");
    return r;
  }
}
const logged = new Logged("o+", "g");
console.log("foo boo".replace(logged, "0"), logged instanceof RegExp, logged.lastIndex);
console.log(Object.prototype.toString.call(any), typeof any, any.constructor === RegExp);
