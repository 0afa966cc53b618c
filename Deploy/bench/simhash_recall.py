"""How often SimHash at Hamming distance <= 3 finds a lightly retouched copy of a ~400-word story (the seed
article with a dateline, a changed word or a credits line), for several feature choices and for 1, 2 or 4
independent fingerprints; and whether it ever matches two different stories on the same topic (the demo
site's articles). Run: python3 Deploy/bench/simhash_recall.py [SEED_TEXT_FILE]"""
import re, glob, html, itertools
def fnv(s):
    h=0xcbf29ce484222325
    for b in s.encode():
        h^=b; h=(h*0x100000001b3)&0xFFFFFFFFFFFFFFFF
    return h
STOP=set("the a an and or of to in on at for with by from as is are was were be been that this it its he she they we you his her their our but not no so if then than there which who whom what when where while about into over after before between during also has have had will would can could may might must should said says".split())
def words(t): return re.findall(r"[a-z0-9]+", t.lower())
def sim(feats):
    v=[0]*64
    for f,w in feats.items():
        h=fnv(f)
        for b in range(64): v[b]+= w if (h>>b)&1 else -w
    return sum(1<<b for b in range(64) if v[b]>0)
def shingles(t,k=3):
    w=words(t); d={}
    for i in range(len(w)-k+1): s=' '.join(w[i:i+k]); d[s]=d.get(s,0)+1
    return d
def uni(t):
    d={}
    for x in words(t):
        if x in STOP or len(x)<3: continue
        d[x]=d.get(x,0)+1
    return d
import os, sys
HERE=os.path.dirname(os.path.abspath(__file__))
SEED=sys.argv[1] if len(sys.argv)>1 else os.path.join(HERE,'corpus/seed/000_7f76c7ecc1e6a93f.txt')
seed=' '.join(l for l in open(SEED).read().split('\n')[5:] if l.strip())
ret="ANCHORAGE, Alaska (Wire) — "+seed.replace("severe consequences","serious consequences")
ret2=seed.replace("three and a half years","three and a half years and more").replace("Crimean Peninsula","Crimea")+" Reporting by A. Writer; editing by B. Editor."
texts=[]
for f in sorted(glob.glob(os.path.join(HERE,'../demo/site/articles/*.html'))):
    t=open(f).read(); ps=re.findall(r"<p>(.*?)</p>",t); texts.append(html.unescape(' '.join(ps)))
for name,fe in [("shingle3",shingles),("shingle2",lambda t:shingles(t,2)),("unigram",uni),("uni+sh2",lambda t:{**uni(t),**shingles(t,2)})]:
    a=sim(fe(seed))
    d1=bin(a^sim(fe(ret))).count('1'); d2=bin(a^sim(fe(ret2))).count('1')
    others=sorted(bin(a^sim(fe(x))).count('1') for x in texts)
    pairs=sorted(bin(sim(fe(x))^sim(fe(y))).count('1') for x,y in itertools.combinations(texts,2) if x!=y)
    print(name,"retouch",d1,d2,"seed-vs-demo min",others[:3],"demo pairs min",pairs[:4])
print("---- over 30 hash seeds: mean/max for near pairs, min for far pairs")
import statistics
def fnvs(s,seed):
    h=0xcbf29ce484222325 ^ (seed*0x9E3779B97F4A7C15 & 0xFFFFFFFFFFFFFFFF)
    for b in s.encode():
        h^=b; h=(h*0x100000001b3)&0xFFFFFFFFFFFFFFFF
    return h
def sims(feats,seed):
    v=[0]*64
    for f,w in feats.items():
        h=fnvs(f,seed)
        for b in range(64): v[b]+= w if (h>>b)&1 else -w
    return sum(1<<b for b in range(64) if v[b]>0)
def sh_w(t): 
    d=shingles(t,3); return d
def uni_w2(t):
    d={k:2*v for k,v in uni(t).items()}; d.update(shingles(t,2)); return d
schemes=[("shingle3",shingles),("unigram",uni),("uni+sh2",lambda t:{**uni(t),**shingles(t,2)}),("uni2+sh2",uni_w2),("uni+sh3",lambda t:{**uni(t),**shingles(t,3)})]
far=[(seed,x) for x in texts]+[(x,y) for x,y in itertools.combinations(texts,2)]
far=[p for p in far if not (p[0][:80]==p[1][:80])]
for name,fe in schemes:
    near1=[];near2=[];farmin=[]
    for sd in range(30):
        a=sims(fe(seed),sd)
        near1.append(bin(a^sims(fe(ret),sd)).count('1')); near2.append(bin(a^sims(fe(ret2),sd)).count('1'))
        farmin.append(min(bin(sims(fe(x),sd)^sims(fe(y),sd)).count('1') for x,y in far))
    print(f"{name:9} retouch mean {statistics.mean(near1):.1f} max {max(near1)} | credits mean {statistics.mean(near2):.1f} max {max(near2)} | far min-of-min {min(farmin)} mean-min {statistics.mean(farmin):.1f}")
print("---- OR of k independent simhashes (uni+sh2), 200 trials")
fe=lambda t:{**uni(t),**shingles(t,2)}
variants=[ret,ret2,"WASHINGTON — "+seed.replace("peace agreement","peace deal"),seed.replace("Ukrainian President Volodymyr Zelenskyy","Volodymyr Zelensky")+" (Additional reporting by Wire staff.)"]
for k in (1,2,4):
    hits=0;tot=0;fp=0;ftot=0
    for trial in range(50):
        seeds=[trial*7+j for j in range(k)]
        base=[sims(fe(seed),s) for s in seeds]
        for v in variants:
            tot+=1
            if any(bin(b^sims(fe(v),s)).count('1')<=3 for b,s in zip(base,seeds)): hits+=1
        for x,y in far[:20]:
            ftot+=1
            if any(bin(sims(fe(x),s)^sims(fe(y),s)).count('1')<=3 for s in seeds): fp+=1
    print(k, "recall", hits/tot, "false pos", fp, "of", ftot)
