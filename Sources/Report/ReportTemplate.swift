/// The page's Mustache templates. Only `{{name}}` tags (HTML-escaped) are used: no `{{{raw}}}`, no `{{&raw}}`,
/// no content-type pragma (a test holds the templates to that). Attribute values are always double-quoted, so an
/// escaped value cannot leave its attribute. The CSS is part of the constant, never a value.
enum ReportTemplate {
    static let page = head + style + body

    private static let head = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="color-scheme" content="light dark">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">
        <meta name="referrer" content="no-referrer">
        <title>{{title}} · {{period}}</title>

        """

    // Light colours first; `prefers-color-scheme: dark` swaps the variables; print drops backgrounds and keeps
    // cards whole on a page. Sizes in rem so a phone's font setting scales everything.
    private static let style = """
        <style>
        :root{--bg:#f5f4f0;--card:#ffffff;--ink:#1b2230;--muted:#5b6475;--line:#e2ded5;--accent:#1d5bbf;--mast:#14213d;--mast-ink:#f5f4f0;
        --ins-bg:#d9f2dc;--ins:#0c5a1c;--del-bg:#fbe0de;--del:#9a1b1b;--bar:#1d5bbf;--zero:#c7cbd3;--alert:#b42318;--chip:#edf0f5;--new:#0c7a43}
        @media (prefers-color-scheme: dark){:root{--bg:#11141a;--card:#1a1f28;--ink:#e5e8ee;--muted:#9ba4b3;--line:#2b3240;--accent:#86b4ff;
        --mast:#0a0d12;--mast-ink:#e5e8ee;--ins-bg:#15401f;--ins:#a6eeb1;--del-bg:#4b1d1d;--del:#ffb8b0;--bar:#86b4ff;--zero:#394152;
        --alert:#ff8f85;--chip:#252c38;--new:#5fd69a}}
        *{box-sizing:border-box}
        html{-webkit-text-size-adjust:100%}
        body{margin:0;background:var(--bg);color:var(--ink);font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
        a{color:var(--accent);text-decoration:none}
        a:hover{text-decoration:underline}
        code{font:.85em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
        .wrap{max-width:64rem;margin:0 auto;padding:0 1rem}
        .masthead{background:var(--mast);color:var(--mast-ink);padding:1.4rem 0 1.2rem}
        .masthead .kicker{margin:0;text-transform:uppercase;letter-spacing:.12em;font-size:.75rem;opacity:.8}
        .masthead h1{margin:.2rem 0 .3rem;font-size:1.55rem;line-height:1.25}
        .masthead p.note{margin:0;font-size:.85rem;opacity:.8}
        .masthead code{background:rgba(255,255,255,.12);padding:0 .25rem;border-radius:.2rem}
        h2{font-size:1.2rem;margin:2rem 0 .8rem;padding-bottom:.35rem;border-bottom:2px solid var(--line);display:flex;gap:.6rem;align-items:baseline}
        h2 .count{font-size:.85rem;color:var(--muted);font-weight:400}
        h3{margin:0 0 .4rem;font-size:1.08rem;line-height:1.35}
        .figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(8.5rem,1fr));gap:.7rem;list-style:none;padding:0;margin:1.3rem 0 0}
        .figures li{background:var(--card);border:1px solid var(--line);border-radius:.6rem;padding:.7rem .9rem}
        .figures .value{display:block;font-size:1.9rem;font-weight:700;line-height:1.1;font-variant-numeric:tabular-nums}
        .figures .label{color:var(--muted);font-size:.85rem}
        .figures li.alert{border-color:var(--alert)}
        .figures li.alert .value{color:var(--alert)}
        .card{background:var(--card);border:1px solid var(--line);border-radius:.6rem;padding:.95rem 1.1rem;margin:0 0 .9rem;break-inside:avoid}
        .quiet,.none{color:var(--muted);font-style:italic}
        .badge{display:inline-block;font-size:.7rem;font-weight:700;text-transform:uppercase;letter-spacing:.06em;padding:.1rem .45rem;border-radius:1rem;
        background:var(--chip);color:var(--muted);vertical-align:middle;margin-left:.4rem}
        .badge.new{background:var(--new);color:var(--card)}
        .summit .who{font-size:1.3rem}
        .summit .sep{color:var(--muted);font-weight:400}
        .facts{display:flex;flex-wrap:wrap;gap:.4rem 1.6rem;margin:.3rem 0 .6rem;padding:0}
        .facts div{min-width:6rem}
        .facts dt{font-size:.72rem;text-transform:uppercase;letter-spacing:.08em;color:var(--muted)}
        .facts dd{margin:0;font-weight:600}
        .facts dd.missing{font-weight:400;color:var(--muted);font-style:italic}
        .summits{display:grid;grid-template-columns:repeat(auto-fit,minmax(24rem,1fr));gap:.9rem}
        .summits .card{margin:0}
        ul.articles{list-style:none;margin:.3rem 0 0;padding:0}
        ul.articles li{padding:.35rem 0;border-top:1px solid var(--line)}
        .meta{display:block;color:var(--muted);font-size:.82rem}
        .rawurl{color:var(--muted);font-size:.85rem;word-break:break-all}
        .id{background:var(--chip);padding:0 .3rem;border-radius:.25rem;color:var(--ink);white-space:nowrap}
        .story .breadth{color:var(--muted);font-size:.85rem;margin:.1rem 0 .3rem}
        .sources{display:flex;flex-wrap:wrap;gap:.35rem;list-style:none;margin:0;padding:0}
        .sources li{background:var(--chip);border-radius:.35rem;padding:.1rem .5rem;font-size:.85rem}
        .chips{display:flex;flex-wrap:wrap;gap:.3rem .8rem;list-style:none;margin:0;padding:0;font-size:.85rem}
        .chips .kind{color:var(--muted);font-size:.75rem}
        .label-inline{font-size:.72rem;text-transform:uppercase;letter-spacing:.08em;color:var(--muted);margin:0;flex:none;width:5.5rem}
        .row{display:flex;align-items:baseline;gap:.6rem;margin:.35rem 0 0}
        .headline{margin:.4rem 0;font-size:.95rem}
        .diff{margin:.45rem 0 0;font-size:.92rem;line-height:1.6;overflow-wrap:anywhere}
        ins{background:var(--ins-bg);color:var(--ins);text-decoration:none;border-radius:.2rem;padding:0 .15rem}
        del{background:var(--del-bg);color:var(--del);border-radius:.2rem;padding:0 .15rem}
        .entity-groups{display:grid;grid-template-columns:repeat(auto-fit,minmax(26rem,1fr));gap:.9rem}
        .entity-groups .card{margin:0}
        .entity-groups h3{font-size:.8rem;text-transform:uppercase;letter-spacing:.08em;color:var(--muted)}
        .trend{display:flex;justify-content:space-between;align-items:center;gap:.8rem;padding:.4rem 0;border-top:1px solid var(--line)}
        .trend .name{font-weight:600}
        .trend .detail{display:block;color:var(--muted);font-size:.8rem}
        .chart{flex:none}
        .chart rect{fill:var(--bar)}
        .chart rect.zero{fill:var(--zero)}
        table{width:100%;border-collapse:collapse;font-size:.9rem;background:var(--card);border:1px solid var(--line);border-radius:.6rem}
        th,td{text-align:left;padding:.45rem .6rem;border-top:1px solid var(--line);vertical-align:top}
        th{font-size:.72rem;text-transform:uppercase;letter-spacing:.08em;color:var(--muted);border-top:none}
        .subhead{margin:1.4rem 0 .5rem;font-size:1rem}
        .kind-tag{font:.8rem ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:var(--alert)}
        footer{color:var(--muted);font-size:.8rem;margin:2.5rem 0 2rem}
        @media (max-width:40rem){.summits,.entity-groups{grid-template-columns:1fr}.row{display:block}.label-inline{margin:.3rem 0 .15rem}.masthead h1{font-size:1.25rem}.figures .value{font-size:1.5rem}.summit .who{font-size:1.1rem}
        .trend{flex-wrap:wrap}table,thead,tbody,tr,th,td{display:block}thead{display:none}td{border:none;padding:.15rem .6rem}tr{border-top:1px solid var(--line);padding:.4rem 0}}
        @media print{:root{--bg:#fff;--card:#fff;--ink:#000;--muted:#444;--line:#bbb;--accent:#000;--mast:#fff;--mast-ink:#000;--chip:#fff;
        --ins-bg:#fff;--del-bg:#fff;--ins:#000;--del:#000;--bar:#333;--zero:#bbb}
        body{font-size:10.5pt}.wrap{max-width:none}.masthead{border-bottom:2px solid #000}
        ins{text-decoration:underline;font-weight:600}del{text-decoration:line-through}
        h2{break-after:avoid}.card,.trend,tr{break-inside:avoid}a{color:#000}}
        </style>
        </head>

        """

    private static let body = """
        <body>
        <header class="masthead"><div class="wrap">
        <p class="kicker">SummitWatch · daily report</p>
        <h1>{{period}}</h1>
        <p class="note">Generated {{generated}}. Each article's <code>id</code> opens with <code>summitwatch show ID</code>.</p>
        </div></header>
        <main class="wrap">
        {{#storeEmpty}}
        <section id="empty" class="card">
        <h2>The store is empty</h2>
        <p>No article has been fetched yet, so there is nothing to report: no summits, stories, changes or entities.
        Run <code>summitwatch fetch</code> (or start the daemon) and build the report again.</p>
        </section>
        {{/storeEmpty}}
        {{^storeEmpty}}
        <ul class="figures" aria-label="Headline figures">
        {{#figures}}<li{{#alert}} class="alert"{{/alert}}><span class="value">{{value}}</span> <span class="label">{{label}}</span></li>
        {{/figures}}
        </ul>
        {{#periodQuiet}}<p class="quiet">Nothing new arrived in this period.</p>{{/periodQuiet}}

        <section id="summits">
        <h2>Summits{{#summitsShown}} <span class="count">{{.}}</span>{{/summitsShown}}</h2>
        <div class="summits">
        {{#summits}}
        <article class="card summit">
        <h3 class="who">{{#participants}}<span class="participant">{{name}}</span>{{^last}}<span class="sep"> · </span>{{/last}}{{/participants}}<span class="badge {{badge}}">{{badge}}</span></h3>
        <dl class="facts">
        <div><dt>Place</dt>{{#place}}<dd class="place">{{.}}</dd>{{/place}}{{^place}}<dd class="missing">not reported yet</dd>{{/place}}</div>
        <div><dt>Date</dt>{{#date}}<dd class="date">{{.}}</dd>{{/date}}{{^date}}<dd class="missing">not reported yet</dd>{{/date}}</div>
        <div><dt>First seen</dt><dd>{{firstSeen}}</dd></div>
        <div><dt>Coverage</dt><dd>{{articleCount}}</dd></div>
        </dl>
        <ul class="articles">
        {{#articles}}{{> article}}{{/articles}}
        </ul>
        </article>
        {{/summits}}
        </div>
        {{^summits}}<p class="none">No summit was detected or reported on in this period.</p>{{/summits}}
        </section>

        <section id="stories">
        <h2>Top stories <span class="count">by sources, then relevance</span></h2>
        {{#stories}}
        <article class="card story">
        {{#lead}}<h3>{{#link}}<a href="{{href}}">{{title}}</a>{{/link}}{{^link}}{{title}} <span class="rawurl">{{url}}</span>{{/link}}</h3>{{/lead}}
        <p class="breadth">{{breadth}} · story {{id}} · lead article <code class="id">id {{lead.id}}</code></p>
        <div class="row"><p class="label-inline">Carried by</p>
        <ul class="sources">
        {{#sources}}<li>{{#link}}<a href="{{href}}">{{feed}}{{#site}} · {{.}}{{/site}}</a>{{/link}}{{^link}}{{feed}}{{#site}} · {{.}}{{/site}} <span class="rawurl">{{url}}</span>{{/link}} <code class="id">id {{articleID}}</code></li>
        {{/sources}}
        </ul></div>
        {{#hasEntities}}<div class="row"><p class="label-inline">Names</p>
        <ul class="chips">{{#entities}}<li>{{name}} <span class="kind">{{kind}}</span></li>{{/entities}}</ul></div>{{/hasEntities}}
        </article>
        {{/stories}}
        {{^stories}}<p class="none">No story arrived in this period.</p>{{/stories}}
        </section>

        <section id="changes">
        <h2>What changed <span class="count">headline changes first{{#updatesShown}} · {{.}}{{/updatesShown}}</span></h2>
        {{#updates}}
        <article class="card update">
        {{#article}}<h3>{{#link}}<a href="{{href}}">{{title}}</a>{{/link}}{{^link}}{{title}} <span class="rawurl">{{url}}</span>{{/link}}</h3>
        <span class="meta">{{source}} · version {{version}} fetched {{fetched}} · {{counts}} · <code class="id">id {{id}}</code></span>{{/article}}
        {{#headline}}<p class="headline"><strong>Headline changed:</strong> <del>{{before}}</del> → <ins>{{after}}</ins></p>{{/headline}}
        {{#hasDiff}}<p class="diff">{{#segments}}{{#same}}{{text}} {{/same}}{{#removed}}<del>{{text}}</del> {{/removed}}{{#added}}<ins>{{text}}</ins> {{/added}}{{/segments}}</p>{{/hasDiff}}
        </article>
        {{/updates}}
        {{^updates}}<p class="none">No stored article changed in this period.</p>{{/updates}}
        </section>

        <section id="entities">
        <h2>Entities <span class="count">mentions per day, {{trendWindow}}</span></h2>
        {{#hasEntityGroups}}
        <div class="entity-groups">
        {{#entityGroups}}
        <div class="card"><h3>{{heading}}</h3>
        {{#entities}}
        <div class="trend"><div><span class="name">{{name}}</span>
        <span class="detail">{{#roles}}{{.}} · {{/roles}}{{counts}}</span></div>
        {{#chart}}<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="{{width}}" height="{{height}}" viewBox="0 0 {{width}} {{height}}" role="img" aria-label="{{summary}}">{{#bars}}<rect{{#isZero}} class="zero"{{/isZero}} x="{{x}}" y="{{y}}" width="{{width}}" height="{{height}}"><title>{{label}}</title></rect>{{/bars}}</svg>{{/chart}}
        {{#quiet}}<span class="none">no mentions in the chart's 14 days</span>{{/quiet}}
        </div>
        {{/entities}}
        </div>
        {{/entityGroups}}
        </div>
        {{/hasEntityGroups}}
        {{^hasEntityGroups}}<p class="none">No entity was mentioned in this period.</p>{{/hasEntityGroups}}
        <h3 class="subhead">New in this period</h3>
        <ul class="chips">
        {{#newEntities}}<li>{{name}} <span class="kind">{{kind}}{{#detail}} · {{.}}{{/detail}}</span>{{#articleID}} <code class="id">id {{.}}</code>{{/articleID}}</li>
        {{/newEntities}}
        </ul>
        {{^newEntities}}<p class="none">No entity appeared for the first time.</p>{{/newEntities}}
        {{#newEntitiesMore}}<p class="quiet">{{.}}</p>{{/newEntitiesMore}}
        </section>

        <section id="feeds">
        <h2>Feed health</h2>
        {{#hasFailingFeeds}}
        <table>
        <thead><tr><th>Feed</th><th>Error</th><th>Failing since</th><th>Next try</th></tr></thead>
        <tbody>
        {{#failingFeeds}}<tr class="failing"><td><strong>{{name}}</strong><br>{{#link}}<a href="{{href}}" class="rawurl">{{url}}</a>{{/link}}{{^link}}<span class="rawurl">{{url}}</span>{{/link}}</td>
        <td><span class="kind-tag">{{errorKind}}</span>{{#error}}<br>{{.}}{{/error}}<br><span class="meta">{{failures}}</span></td><td>{{since}}</td><td>{{nextTry}}</td></tr>
        {{/failingFeeds}}
        </tbody>
        </table>
        {{/hasFailingFeeds}}
        {{^failingFeeds}}<p class="none">Every feed was fetched without error at its last try.</p>{{/failingFeeds}}
        </section>
        {{/storeEmpty}}
        <footer>Built by <code>summitwatch report</code>. This page is self-contained: no script, and nothing is loaded from any other address.</footer>
        </main>
        </body>
        </html>

        """

    /// One article line: a link only for an http(s) URL, otherwise the URL as text.
    static let article = """
        <li>{{#link}}<a href="{{href}}">{{title}}</a>{{/link}}{{^link}}{{title}} <span class="rawurl">{{url}}</span>{{/link}}<span class="meta">{{source}} · {{seen}} · <code class="id">id {{id}}</code></span></li>

        """
}
