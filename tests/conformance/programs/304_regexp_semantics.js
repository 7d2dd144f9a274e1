// JavaScript's own matching rules: captures reset in each repetition, backreferences to unset groups, lookbehind, case folding.
const results = [];
results.push(/(?:(a)|b)+/.exec("ab"));
results.push(/(a)|\1b/.exec("b"));
results.push(/(?<=\$)\d+(\.\d+)?/.exec("cost: $42.50"));
results.push(/(?<!-)\b\d+/.exec("-3 7"));
results.push(/(z)((a+)?(b+)?(c))*/.exec("zaacbbbcac"));
results.push(/\u212a/i.exec("k"));
results.push(/^.$/u.exec("\u{1F600}"));
console.log(results.map((r) => JSON.stringify(r)));
checkpoint("results");
console.log(/a$/.test("a\n"), /a$/m.test("a\n"), /./.test("\n"), /./s.test("\n"), /\s/.test("\ufeff"));
console.log((1234567.891).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ","));
