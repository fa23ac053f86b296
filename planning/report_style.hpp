#pragma once
// The report's inline style sheet: print-friendly, CJK fonts in the stack so Chinese place
// names show on a planner's machine.
namespace ems120 {

inline constexpr const char* kReportStyle = R"css(
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #f5f6f8; color: #1d2329;
  font-family: "Noto Sans", "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
    "WenQuanYi Micro Hei", "DejaVu Sans", Arial, sans-serif; font-size: 14px; line-height: 1.45; }
main { max-width: 1180px; overflow-wrap: break-word; margin: 0 auto; padding: 24px 28px 40px; background: #ffffff; }
header { border-bottom: 3px solid #1f4e9c; padding-bottom: 10px; margin-bottom: 18px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 30px 0 10px; padding-bottom: 4px; border-bottom: 1px solid #dde1e6; }
h3 { font-size: 15px; margin: 14px 0 6px; }
.subtitle { color: #56606b; margin: 0; }
.notes { background: #fff8e6; border-left: 4px solid #f39c12; padding: 8px 12px; margin: 12px 0; }
.notes p { margin: 2px 0; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 10px; margin: 14px 0; }
.card { border: 1px solid #dde1e6; border-radius: 6px; padding: 10px 12px; background: #fafbfc; overflow-wrap: anywhere; }
.card .value { font-size: 24px; font-weight: 700; }
.card .label { color: #56606b; font-size: 12px; }
.card.good .value { color: #1a9850; } .card.bad .value { color: #d73027; }
figure { margin: 0; }
.map-figure svg.map { width: 100%; height: auto; border: 1px solid #c9d0d7; display: block; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 18px; margin: 8px 0 0; font-size: 13px; color: #333; }
.legend span { display: inline-flex; align-items: center; gap: 6px; }
figcaption { color: #56606b; font-size: 12px; margin-top: 6px; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(440px, 1fr)); gap: 14px; }
.charts svg, .multiples svg { width: 100%; height: auto; }
.multiples { display: grid; grid-template-columns: repeat(auto-fill, minmax(330px, 1fr)); gap: 12px; }
.multiples figure { border: 1px solid #e3e6ea; border-radius: 6px; padding: 6px 8px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0; font-size: 13px; }
th, td { padding: 5px 8px; border-bottom: 1px solid #e6e9ed; text-align: left; vertical-align: top; }
th { background: #f0f2f5; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.band { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 6px; }
.muted { color: #6b747e; }
footer { margin-top: 34px; padding-top: 10px; border-top: 1px solid #dde1e6; color: #56606b; font-size: 12px; }
@media print { body { background: #ffffff; } main { padding: 0; max-width: none; }
  h2 { break-after: avoid; } figure, table { break-inside: avoid; } }
)css";

}  // namespace ems120
