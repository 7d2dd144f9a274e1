// reduce threads an accumulator object through every call.
const words = ["apple", "bean", "apple"];
const counts = words.reduce((acc, word) => {
  acc[word] = (acc[word] || 0) + 1;
  if (word === "bean") {
    checkpoint("middle");
  }
  return acc;
}, {});
console.log(counts);
