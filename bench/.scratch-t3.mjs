import winkNLP from "wink-nlp";
import model from "wink-eng-lite-web-model";
const nlp = winkNLP(model);
const its = nlp.its;
const texts = ["I can't export my invoices!! Won't work 😡 see https://x.co/a?b=1 … I’m really upset.  Also   we’re   200 ppl", "Sr. Mgr Demand Gen @ Acme Inc. e.g. stuff. Dr. Smith said hi", "i'm dana, cto. we dont have budget", "Co-Founder & CEO / Owner/Operator; SVP, Global Sales", "We need it by the end of Q2 2027 — ASAP really", "I’d like to apply"];
for (const t of texts) {
  const doc = nlp.readDoc(t);
  console.log("---", JSON.stringify(t), doc.out() === t);
  const toks = [];
  doc.tokens().each((tk) => toks.push([tk.out(its.value), tk.out(its.precedingSpaces), tk.out(its.normal), tk.out(its.lemma), tk.out(its.pos), tk.out(its.contractionFlag), tk.out(its.type), tk.out(its.negationFlag)].join("/")));
  console.log(toks.join("  "));
  doc.sentences().each((s) => console.log("S", s.out(its.span), JSON.stringify(s.out())));
  doc.entities().each((e) => console.log("E", e.out(its.span), JSON.stringify(e.out(its.detail))));
}
