package org.officeguard.reporting.report;

/**
 * The page's style sheet, inlined into every report. System fonts only (Hiragino, Yu Gothic, Meiryo
 * or Noto CJK, whichever the reader has), no {@code url(...)}; it holds no {@code <} or {@code &}, so
 * the page stays well-formed XML.
 */
final class Style {
    private Style() {}

    static final String CSS = """

:root{--ink:#1c2530;--ink2:#3b4652;--muted:#66727f;--faint:#a3adb8;--line:#e3e7eb;--bg:#eceff3;--paper:#fff;\
--accent:#1d3a5f;--visitors:#0a6fb0;--last-exit:#e09b00;--screen-lock:#009e73}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);font-size:15px;line-height:1.6;\
font-family:"Hiragino Sans","Hiragino Kaku Gothic ProN","Yu Gothic UI","Yu Gothic",Meiryo,"Noto Sans CJK JP","Noto Sans JP",system-ui,sans-serif;\
font-variant-numeric:tabular-nums}
html[lang=en] body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Hiragino Sans","Yu Gothic UI",Meiryo,"Noto Sans CJK JP",sans-serif}
p{margin:0}
.sheet{max-width:980px;margin:28px auto;background:var(--paper);padding:34px 44px 26px;border-radius:10px;\
box-shadow:0 1px 3px rgba(20,40,70,.08),0 10px 30px rgba(20,40,70,.07)}
section{margin-top:36px}
h1{font-size:27px;line-height:1.25;margin:0;font-weight:700}
h2{font-size:17px;line-height:1.4;margin:0;padding-bottom:6px;border-bottom:2px solid var(--ink)}
.hint{font-size:12.5px;color:var(--muted);margin:6px 0 10px}
.empty,.more{font-size:13px;color:var(--muted);margin-top:10px}

.masthead{padding-bottom:16px;border-bottom:1px solid var(--line)}
.brand{font-size:12px;font-weight:700;letter-spacing:.08em;color:var(--accent)}
.brand span{font-weight:400;letter-spacing:.02em;color:var(--muted);margin-left:.6em}
.title-row{display:flex;align-items:center;flex-wrap:wrap;gap:14px;margin:6px 0 6px}
.status{font-size:13px;font-weight:700;padding:2px 12px;border-radius:999px;border:1.5px solid}
.status.final{color:#12633f;border-color:#4d9c77;background:#e9f6ef}
.status.preliminary{color:#8a5300;border-color:#d9a441;background:#fff5df}
.meta{display:flex;flex-wrap:wrap;gap:4px 20px;font-size:13px;color:var(--muted)}
.meta b{color:var(--ink)}
.note{font-size:12.5px;color:var(--muted);margin-top:2px}

#summary{margin-top:22px}
.cards{display:grid;grid-template-columns:1.55fr repeat(3,1fr);gap:12px}
.card{border:1px solid var(--line);border-radius:8px;padding:11px 14px 12px;background:#f9fafb}
.card .label{font-size:12px;font-weight:700;color:var(--muted)}
.card .value{font-size:26px;font-weight:700;line-height:1.25;margin-top:4px}
.card .unit{font-size:13px;font-weight:400;color:var(--muted);margin-left:4px}
.card .sub{font-size:12px;color:var(--muted)}
.card.missing .value{color:var(--faint)}
.card.total{grid-row:span 2;background:#fff;border-color:#cdd6e0;border-left:5px solid var(--accent)}
.card.total .value{font-size:46px;line-height:1.15}
.card.total.clean{border-left-color:#2f8a5f}
.habits{list-style:none;margin:10px 0 0;padding:0;font-size:13px}
.habits li{display:flex;align-items:center;gap:8px;padding:4px 0;border-top:1px dashed var(--line)}
.habits li b{margin-left:auto;font-size:15px}
.habits li.none{color:var(--faint)}
.dot{display:inline-block;flex:none;width:10px;height:10px;border-radius:3px;margin-right:6px;vertical-align:0}
.h-visitors .dot,.h-visitors .bar{background:var(--visitors)}
.h-last-exit .dot,.h-last-exit .bar{background:var(--last-exit)}
.h-screen-lock .dot,.h-screen-lock .bar{background:var(--screen-lock)}
.habits li.none .dot{opacity:.4}

table{width:100%;border-collapse:collapse;font-size:14px}
th,td{text-align:left;padding:7px 10px;vertical-align:top}
thead th{font-size:12px;font-weight:700;color:var(--muted);border-bottom:1px solid var(--line);padding-top:4px;padding-bottom:4px}
.num{text-align:right;white-space:nowrap}
#totals .c-rule{width:29%}
#totals .c-count{width:150px}
#totals .habit-row th,#totals .habit-row td{background:#f3f5f8;font-weight:700;padding-top:9px;padding-bottom:7px}
#totals .habit-row .aim{display:block;font-size:12px;font-weight:400;color:var(--muted)}
#totals .habit-row td{font-size:16px;vertical-align:middle}
#totals tbody.h-visitors .habit-row th{box-shadow:inset 4px 0 var(--visitors)}
#totals tbody.h-last-exit .habit-row th{box-shadow:inset 4px 0 var(--last-exit)}
#totals tbody.h-screen-lock .habit-row th{box-shadow:inset 4px 0 var(--screen-lock)}
#totals tbody + tbody .habit-row th,#totals tbody + tbody .habit-row td{border-top:12px solid #fff}
#totals tr.rule th,#totals tr.rule td{border-bottom:1px solid var(--line)}
#totals tr.rule th{font-weight:600;padding-left:18px}
#totals .meaning{font-size:13px;color:var(--ink2)}
#totals tr.zero th,#totals tr.zero td,#totals tr.zero .meaning{color:var(--faint);font-weight:400}
#totals .count{display:inline-block;min-width:2em;font-weight:700}
#totals tr.zero .count{font-weight:400}
#totals .track{display:inline-block;width:76px;height:8px;margin-left:10px;vertical-align:1px;background:#edf0f3;border-radius:4px;overflow:hidden}
#totals .bar{display:block;height:100%;border-radius:4px}
#totals tfoot th,#totals tfoot td{font-weight:700;border-top:2px solid var(--ink);padding-top:8px}
#totals tfoot td{padding-right:96px}

.chart{margin:0}
#trend{display:block;width:100%;height:auto;font-family:inherit}
#trend .grid{stroke:#e6e9ed;stroke-width:1}
#trend .grid.base{stroke:#8e99a5}
#trend .tick,#trend .unit{fill:var(--muted);font-size:11px}
#trend .legend text{fill:var(--ink2)}
#trend .total{fill:var(--ink);font-weight:700}
#trend .date{fill:var(--ink2)}
#trend .weekday{fill:var(--muted);font-size:11px}
#trend .highlight{fill:#edf3fa;stroke:#a9c0db;stroke-width:1}
#trend .today .date,#trend .today .weekday{fill:var(--accent);font-weight:700}
#trend .today .total{font-size:15px}
#trend .marker{fill:var(--accent);font-size:11px;font-weight:700}

table.people td{border-bottom:1px solid var(--line);vertical-align:middle}
table.people .rank{width:2.5em;color:var(--muted)}
table.people .name{width:30%}
table.people .dept{width:17%}
table.people .chips{width:45%}
table.people .count{font-size:17px;font-weight:700;width:4em}
.who-name{font-weight:700}
.who-name.anon{font-weight:400;color:var(--muted)}
.badge-id{display:inline-block;margin-left:8px;padding:0 6px;border-radius:4px;background:#f0f2f5;color:var(--muted);\
font-size:12px;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.tag{display:inline-block;font-size:12px;padding:0 7px;border-radius:4px;background:#eef1f4;color:var(--ink2)}
.tag.unknown{background:#fdeceb;color:#9b2c24}
.host{display:block;font-size:12px;color:var(--muted);white-space:nowrap}
.hint .dot{width:8px;height:8px;margin:0 3px 0 2px}
.chip{display:inline-block;font-size:12px;line-height:1.5;padding:1px 9px;margin:2px 2px 2px 0;border-radius:999px;border:1px solid;white-space:nowrap}
.chip.h-visitors{color:#075587;border-color:#a7c9e3;background:#eff6fc}
.chip.h-last-exit{color:#7a4f00;border-color:#efcf88;background:#fff7e5}
.chip.h-screen-lock{color:#00664a;border-color:#96d4bf;background:#ecf8f3}

.tl-head,#timeline li{display:grid;grid-template-columns:70px minmax(0,1.25fr) minmax(0,1.45fr) minmax(0,1fr);gap:14px;align-items:baseline}
.tl-head{font-size:12px;font-weight:700;color:var(--muted);padding:6px 12px;border-bottom:1px solid var(--line);border-left:4px solid transparent;margin-top:8px}
#timeline{list-style:none;margin:0;padding:0}
#timeline li{padding:8px 12px;border-bottom:1px solid var(--line);border-left:4px solid var(--visitors)}
#timeline li.h-last-exit{border-left-color:var(--last-exit)}
#timeline li.h-screen-lock{border-left-color:var(--screen-lock)}
#timeline time{font-size:15px;font-weight:700}
#timeline .rule{font-weight:600}
#timeline .sub{display:block;font-size:12px;color:var(--muted)}
#timeline .where{font-size:13px;color:var(--ink2)}

.privacy{margin-top:40px;padding-top:10px;border-top:1px solid var(--line);font-size:11.5px;color:var(--muted)}
.privacy .ids{margin-top:2px;color:var(--faint)}

@page{size:A4;margin:12mm}
@media print{
body{background:#fff;font-size:12px;line-height:1.5}
.sheet{max-width:none;margin:0;padding:0;border-radius:0;box-shadow:none}
section{margin-top:22px}
h2{font-size:15px;break-after:avoid}
.hint{margin:4px 0 6px}
th,td{padding:4px 8px}
.card{padding:8px 12px}
.card .value{font-size:22px}
.card.total .value{font-size:38px}
#totals .meaning{font-size:11.5px}
#totals tbody,.cards,.chart,tr,#timeline li,.tl-head{break-inside:avoid}
#trend-section{break-inside:avoid}
#totals tfoot{display:table-row-group}
#timeline li{padding:5px 12px}
.privacy{margin-top:20px}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
@media (max-width:720px){
.sheet{margin:0;padding:20px 16px;border-radius:0}
.cards{grid-template-columns:1fr 1fr}
.card.total{grid-column:span 2;grid-row:auto}
.tl-head{display:none}
#timeline li{grid-template-columns:58px minmax(0,1fr)}
}
""";
}
