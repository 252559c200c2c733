// Material for MkDocs' partials/javascripts/base.html, as a file: the site's Content Security Policy
// allows no inline script. The only change: the scope is the site's root, found from this file's own
// address (it lives in assets/javascripts/briefing/), where Material writes the page's base_url.
__md_scope=new URL("../../../",document.currentScript.src),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
