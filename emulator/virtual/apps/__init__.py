"""Apps described as data: the format (`schema`), reading it (`loader`), running it (`engine`),
and the demo apps with their ground truth (`demo/`). See README.md."""
