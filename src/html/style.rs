//! The page's style sheet: the official faces through the system's font
//! stacks (no web fonts: the page makes no requests), a phone layout whose
//! tables scroll inside their own box, and a print layout close to GB/T 9704.
//! No text is set below 16 px on a screen.

pub const CSS: &str = r#":root {
  --fangsong: "FangSong_GB2312", "仿宋_GB2312", "FZFangSong-Z02S", "方正仿宋_GBK", "FangSong", "仿宋", "STFangsong", "华文仿宋", "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", serif;
  --song: "SimSun", "宋体", "FZShuSong-Z01S", "方正书宋_GBK", "STSong", "华文宋体", "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", serif;
  --biaosong: "FZXiaoBiaoSong-B05S", "方正小标宋简体", "方正小标宋_GBK", "STZhongsong", "华文中宋", "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", serif;
  --hei: "SimHei", "黑体", "FZHei-B01S", "方正黑体_GBK", "STHeiti", "Heiti SC", "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
  --kai: "KaiTi_GB2312", "楷体_GB2312", "FZKai-Z03S", "方正楷体_GBK", "KaiTi", "楷体", "STKaiti", "华文楷体", "Kaiti SC", "LXGW WenKai", serif;
  --figures: "Times New Roman", "Tinos", "Liberation Serif", var(--song);
}
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0;
  padding: 2rem 1.5rem 3rem;
  background: #fff;
  color: #000;
  font-family: var(--fangsong);
  font-size: 20px;
  line-height: 1.8;
}
main, footer { max-width: 60rem; margin: 0 auto; }
h1 {
  font-family: var(--biaosong);
  font-size: 1.6em;
  font-weight: bold;
  line-height: 1.5;
  text-align: center;
  margin: 0 0 1.5em;
}
h1 span { display: inline-block; }
h2 {
  font-family: var(--hei);
  font-size: 1em;
  font-weight: normal;
  text-indent: 2em;
  margin: 1.2em 0 0.4em;
}
p { margin: 0 0 0.4em; text-indent: 2em; text-align: justify; overflow-wrap: anywhere; }
.item { text-indent: 2em; margin: 0 0 0.4em; overflow-wrap: anywhere; }
.item > h3 {
  display: inline;
  font-family: var(--kai);
  font-size: 1em;
  font-weight: normal;
}
.item > h3 + p { display: inline; }
.item > p:not(h3 + p) { margin-top: 0.4em; }
.signature {
  width: fit-content;
  max-width: 100%;
  margin: 2em 4em 0 auto;
  text-indent: 0;
  text-align: center;
}
.draft {
  text-indent: 0;
  text-align: center;
  color: #a00000;
  border: 2px solid #a00000;
  font-family: var(--hei);
}
footer { border-top: 1px solid #555; margin-top: 2rem; padding-top: 0.5rem; }
footer p { text-indent: 0; }
a { color: #0645ad; }
a:focus-visible, .table-box:focus-visible { outline: 3px solid #0645ad; outline-offset: 2px; }

/* Tables: the official grid, 宋体, never below 16 px. */
.table-box { overflow-x: auto; margin: 0.6em 0 1em; max-width: 100%; }
table {
  border-collapse: collapse;
  width: 100%;
  font-family: var(--song);
  font-size: 16px;
  line-height: 1.45;
  text-indent: 0;
}
caption {
  /* Shown to screen readers; the section heading above says the same. */
  position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip-path: inset(50%); white-space: nowrap;
}
th, td { border: 1px solid #000; padding: 0.3em 0.35em; vertical-align: middle; }
th { font-weight: normal; text-align: center; }
th.label { text-align: left; }
th.band { background: #c6d9f1; text-align: left; }
th.group { writing-mode: vertical-rl; text-orientation: mixed; width: 1.6em; padding: 0.4em 0.2em; letter-spacing: 0.1em; }
td.corner { font-size: 16px; text-align: left; }
td.number { text-align: center; font-family: var(--figures); font-variant-numeric: tabular-nums; white-space: nowrap; }
table.tb { min-width: 44rem; }
table.tb th.label { min-width: 9em; }
table.tc { min-width: 52rem; }
table.tc th.head { min-width: 2.2em; }
table.ta { min-width: 21rem; }
table.index { min-width: 20rem; }
table.index td, table.index th { text-align: left; }

/* Phones: a narrower margin and 18 px text; tables scroll sideways in their box. */
@media screen and (max-width: 40rem) {
  body { font-size: 18px; padding: 1rem 0.75rem 2rem; }
  h1 { font-size: 1.2em; }
  .signature { margin-right: 1em; }
}

/* Print: A4, GB/T 9704 margins, 三号 body, 五号 tables. */
@media print {
  @page { size: A4; margin: 37mm 26mm 35mm 28mm; }
  body { padding: 0; font-size: 16pt; line-height: 1.75; }
  main, footer { max-width: none; }
  h1 { font-size: 22pt; }
  .table-box { overflow: visible; }
  table { font-size: 10.5pt; min-width: 0 !important; }
  td.corner { font-size: 10.5pt; }
  tr, th, td { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
  footer { display: none; }
}
"#;
