"""Reports of harness runs: results.json (a versioned schema, `models`) for machines and a static
HTML evidence report for people (`html`), read from evidence folders (`collect`) or merged
results files (`results`); `output` writes both, `hook` does it at the end of a pytest session.

Nothing is imported here: the pytest plugin imports `hook` before `--virtual` has exported its
adb port, and the readers import adbutils (through the identity models)."""
