// push, pop, shift, unshift and splice change which objects the array holds.
const queue = [{ job: 1 }, { job: 2 }];
queue.push({ job: 3 });
const first = queue.shift();
queue.unshift({ job: 0 });
const removed = queue.splice(1, 1);
checkpoint("after changes");
console.log(queue.map((j) => j.job), first.job, removed.length);
console.log(queue.indexOf(first), queue.includes(first), [1, 2, 3].slice(1).join("-"));
