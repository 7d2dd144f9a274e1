let score = 10;
let saved = score;
score = score + {{ bonus }};
const player = { score: 10 };
const alias = player;
alias.score = alias.score + {{ bonus }};
checkpoint("A");
console.log(saved, score);
console.log(player.score, alias.score);
