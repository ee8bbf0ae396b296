import winkNLP from "wink-nlp";
import model from "wink-eng-lite-web-model";
const t0 = performance.now();
const nlp = winkNLP(model);
console.log("load ms", performance.now()-t0);
const its = nlp.its, as = nlp.as;
const texts = ["Hi, I'm Dana Lee, VP of Sales at Acme. We have about $45k a year set aside and need this by end of Q2.",
"our reps waste hours qualifying leads", "around 30 grand", "a quarter million dollars", "2,000 euros per month", "We don't have a problem with lead routing", "I'd need sign-off from our CFO. email me at dana@acme.io or +1 415 555 0100", "USD 1.2m or maybe 50-60k, €120k, £3,000 per seat per month", "we're about 250 people, two hundred and fifty"];
for (const t of texts) {
  const doc = nlp.readDoc(t);
  console.log("---", t);
  console.log(doc.tokens().out(its.value).join("|"));
  console.log(doc.tokens().out(its.pos).join("|"));
  console.log(doc.tokens().out(its.type).join("|"));
  console.log(doc.tokens().out(its.negationFlag).join("|"));
  console.log(doc.tokens().out(its.lemma).join("|"));
  console.log("ents", JSON.stringify(doc.entities().out(its.detail)));
  console.log("sents", doc.sentences().out());
}
function bench(name, fn) { for (let i=0;i<500;i++) fn(); const n=5000; const s=performance.now(); for (let i=0;i<n;i++) fn(); console.log(name, ((performance.now()-s)/n*1000).toFixed(1),"us"); }
bench("wink readDoc", ()=>nlp.readDoc(texts[0]));
bench("wink readDoc+out", ()=>{const d=nlp.readDoc(texts[0]); d.tokens().out(its.pos); d.tokens().out(its.lemma); d.entities().out(its.detail);});
