// compose builds a function out of functions; calling it runs them innermost first.
function compose(f, g) {
  return function composed(x) {
    return f(g(x));
  };
}
const double = (n) => n * 2;
const describe = (n) => {
  checkpoint("describe " + n);
  return "value " + n;
};
const pipeline = compose(describe, double);
console.log(pipeline(21));
