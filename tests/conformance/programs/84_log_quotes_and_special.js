// Strings inside objects are quoted; the quote style avoids escaping.
console.log(["it's", 'say "hi"', `both ' and "`, "tab\there", "new\nline"]);
console.log({ empty: "", space: " ", unicode: "héllo" });
console.log([undefined, null, -0, 0, NaN], [[]], [{}], {});
console.log("100%", 5, "%", "a%b");
