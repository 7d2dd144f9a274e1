// Runs into the step limit (the test gives a small budget).
let xs = [];
let i = 0;
while (true) { xs.push({i}); i++; if (xs.length > 5) xs.shift(); }
