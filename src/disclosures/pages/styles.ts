import { createHash } from 'node:crypto';

// The one stylesheet of the residents' pages, inlined in every page and allowed by its hash in the
// Content-Security-Policy (no 'unsafe-inline', no style attributes). Phones first: 360 px wide, type
// of 18 px and more, dark text on white (contrast ≥ 7:1), links underlined, tap targets ≥ 44 px.
// System fonts only: nothing is fetched (residents may have poor connections, the server no internet).
export const PAGE_STYLE = `
*,*::before,*::after{box-sizing:border-box}
html{font-size:112.5%;-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:#fff;color:#1a1a1a;line-height:1.6;overflow-wrap:anywhere;
font-family:"PingFang SC","Noto Sans SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif}
.wrap{max-width:40rem;margin:0 auto;padding:0 1rem}
.site{background:#8b1a1a;color:#fff;padding:.75rem 0;font-weight:700;font-size:1.05rem}
main{padding-bottom:2rem}
h1{font-size:1.6rem;line-height:1.35;margin:1.25rem 0 .5rem}
h2{font-size:1.3rem;line-height:1.4;margin:2rem 0 .5rem;padding-bottom:.25rem;border-bottom:2px solid #8b1a1a}
h3{font-size:1.2rem;line-height:1.4;margin:0 0 .25rem}
p{margin:.5rem 0}
a{color:#0b4f9c;text-decoration:underline;text-underline-offset:.15em}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible{
outline:3px solid #c77700;outline-offset:2px}
.tap{display:flex;align-items:center;min-height:48px;padding:.25rem 0}
.muted{color:#4a4a4a}
.card{border:1px solid #a8a8a8;border-radius:.5rem;padding:.75rem 1rem;margin:.75rem 0}
.card>a.tap{font-size:1.15rem;font-weight:700}
.list{list-style:none;margin:0;padding:0}
.stat{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:baseline;gap:0 1rem;
padding:.5rem 0;border-bottom:1px solid #d0d0d0}
.stat .value{font-size:1.3rem;font-weight:700}
.kv{display:grid;grid-template-columns:auto 1fr;gap:.25rem .75rem;margin:.5rem 0}
.kv dt{color:#4a4a4a}
.kv dd{margin:0;min-width:0}
.amount{font-size:1.5rem;font-weight:700;margin:.25rem 0 0}
.capitals{margin:0 0 .25rem;color:#333}
.total{border-top:2px solid #1a1a1a;padding-top:.5rem;margin-top:1rem}
.badge{display:inline-block;padding:0 .6rem;border-radius:1rem;border:2px solid currentColor;font-weight:700;
font-size:1rem;white-space:nowrap}
.status-active{color:#0f5b28;background:#e6f4ea}
.status-ended{color:#333;background:#eee}
.status-withdrawn,.status-upheld{color:#8b1a1a;background:#fdecec}
.status-open{color:#7a4100;background:#fff4e0}
.status-dismissed{color:#333;background:#eee}
.banner{border-left:.4rem solid #8b1a1a;background:#fdf5f5;padding:.5rem .75rem;margin:1rem 0}
.note{white-space:pre-line}
.nw{white-space:nowrap}
.mono{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,"Noto Sans SC",monospace;letter-spacing:.03em}
.code{display:block;text-align:center;font-size:1.5rem;font-size:min(1.75rem,7.5vw);font-weight:700;letter-spacing:.04em;
border:2px dashed #8b1a1a;border-radius:.5rem;padding:.75rem .5rem;margin:.75rem 0}
form{margin:1rem 0}
.field{margin:0 0 1.25rem}
label{display:block;font-weight:700;margin-bottom:.25rem}
.hint{display:block;font-weight:400;color:#4a4a4a;font-size:.95rem}
input,select,textarea{display:block;width:100%;min-height:48px;font:inherit;color:#1a1a1a;background:#fff;
border:2px solid #595959;border-radius:.375rem;padding:.5rem .75rem}
textarea{min-height:10rem;resize:vertical}
[aria-invalid="true"]{border-color:#b00020}
.error{color:#b00020;font-weight:700;margin:.25rem 0 0}
.errors{border:2px solid #b00020;border-radius:.5rem;padding:.5rem 1rem;margin:1rem 0;color:#b00020}
.errors ul{margin:.25rem 0;padding-left:1.25rem}
button,a.button{display:flex;align-items:center;justify-content:center;width:100%;min-height:52px;font:inherit;
font-weight:700;font-size:1.15rem;color:#fff;background:#8b1a1a;border:0;border-radius:.5rem;padding:.5rem 1rem;
cursor:pointer;text-align:center;text-decoration:none}
footer{border-top:1px solid #d0d0d0;padding:1rem 0;color:#4a4a4a;font-size:.95rem}
`;

/** The CSP source allowing exactly PAGE_STYLE: `'sha256-…'` of the bytes between <style> and </style>. */
export const PAGE_STYLE_SOURCE = `'sha256-${createHash('sha256').update(PAGE_STYLE, 'utf8').digest('base64')}'`;
