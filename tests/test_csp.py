from generator.csp import _hash, add_csp, policy_for

PAGE = ('<html><head><title>t</title><script>var theme = 1;</script>'
        '<script id="__config" type="application/json">{"a": 1}</script>'
        '<script src="assets/bundle.js"></script></head><body></body></html>')


def test_policy_allows_only_the_pages_own_inline_scripts() -> None:
    policy = policy_for(PAGE)
    assert _hash("var theme = 1;") in policy
    assert _hash('{"a": 1}') not in policy  # data blocks are not scripts
    assert _hash("alert(1)") not in policy
    assert "default-src 'self'" in policy and "object-src 'none'" in policy
    assert "http" not in policy  # no other host is ever allowed


def test_meta_is_the_first_thing_in_head() -> None:
    out = add_csp(PAGE)
    assert out.startswith('<html><head><meta http-equiv="Content-Security-Policy"')
    assert out.count("Content-Security-Policy") == 1


def test_a_script_injected_after_the_build_is_not_covered() -> None:
    built = add_csp(PAGE)
    tampered = built.replace("<body>", "<body><script>alert(1)</script>")
    meta = tampered.split('content="')[1].split('"')[0]
    assert _hash("alert(1)") not in meta
