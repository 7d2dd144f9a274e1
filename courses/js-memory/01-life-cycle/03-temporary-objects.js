function average(values) {
  const stats = { sum: 0, count: 0 };
  for (const v of values) {
    stats.sum = stats.sum + v;
    stats.count = stats.count + 1;
  }
  checkpoint("inside");
  return stats.sum / stats.count;
}
const data = [{{ values }}];
const avg = average(data);
checkpoint("after");
console.log(avg);
