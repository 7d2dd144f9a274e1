// limits: steps=800
// An endless loop: the step limit stops it and the partial run is kept.
const seen = [];
let n = 0;
while (true) {
  n++;
  if (n % 10 === 0) seen.push({ n });
  if (seen.length > 5) seen.shift();
}
