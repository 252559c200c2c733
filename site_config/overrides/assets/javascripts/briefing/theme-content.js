// Material for MkDocs' partials/javascripts/content.html, as a file (no inline script under the site's policy).
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
