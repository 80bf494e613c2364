"""The device shell's language: quoting, lists, `$?`, variables, redirection, pipes, errors."""

from __future__ import annotations

import shlex

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from emulator.virtual.android.system import AndroidSystem
from emulator.virtual.shell.lexer import Lit, Word, tokenize

from .shell_helpers import sh


@pytest.fixture
def device() -> AndroidSystem:
    return AndroidSystem()


def test_clients_exit_marker_sees_last_status(device):
    assert sh(device, "echo hi; echo X4EXIT:$?") == (0, "hi\nX4EXIT:0\n", "")
    assert sh(device, "false; echo X4EXIT:$?")[1] == "X4EXIT:1\n"
    assert sh(device, "nosuch; echo X4EXIT:$?")[1] == "X4EXIT:127\n"


def test_and_or_lists(device):
    assert sh(device, "true && echo a || echo b")[1] == "a\n"
    assert sh(device, "false && echo a || echo b")[1] == "b\n"
    assert sh(device, "false || false; echo $?")[1] == "1\n"
    assert sh(device, "! false && echo negated")[1] == "negated\n"
    assert sh(device, "echo a\necho b\n\n")[1] == "a\nb\n"


def test_quoting_and_escapes(device):
    assert sh(device, """echo 'a  b' "c  d" e\\ f 'it'"'"'s' "q\\"x" ''""")[1] == "a  b c  d e f it's q\"x \n"
    assert sh(device, "echo '$HOME' \"$HOME\" \\$HOME")[1] == "$HOME / $HOME\n"
    assert sh(device, "echo a#b # comment")[1] == "a#b\n"
    assert sh(device, "echo -n x; echo -e 'a\\tb\\nc'")[1] == "xa\tb\nc\n"


def test_variables_and_prefix_assignments(device):
    assert sh(device, "A=1; B=\"$A 2\"; echo $B ${A}x ${C:-dflt} ${C-unset}")[1] == "1 2 1x dflt unset\n"
    # A prefix assignment is only in the command's environment, not the shell's.
    assert sh(device, "X=inner env | grep '^X='; echo \"[$X]\"")[1] == "X=inner\n[]\n"
    assert sh(device, "V='a   b'; echo $V; echo \"$V\"")[1] == "a b\na   b\n"


def test_command_substitution(device):
    assert sh(device, "echo $(echo a b)-`echo c`")[1] == "a b-c\n"
    assert sh(device, "pid=$(pidof system_server); echo $pid")[1] == f"{device.system_pid}\n"


def test_redirections_to_device_files(device):
    status, out, err = sh(device, "echo one > /data/local/tmp/f; echo two >> /data/local/tmp/f; cat < /data/local/tmp/f")
    assert (status, out, err) == (0, "one\ntwo\n", "")
    assert device.fs.read("/data/local/tmp/f") == b"one\ntwo\n"
    assert sh(device, "cat /nope 2>/dev/null; echo $?")[1] == "1\n"
    assert sh(device, "cat /nope 2>&1")[1] == "cat: /nope: No such file or directory\n"
    assert sh(device, "cat /nope > /data/local/tmp/e 2>&1; cat /data/local/tmp/e")[1].startswith("cat: /nope")
    assert sh(device, "echo x > /no/dir/f") == (1, "", "/system/bin/sh: can't create /no/dir/f: No such file or directory\n")
    assert sh(device, "echo err >&2") == (0, "", "err\n")


def test_pipes(device):
    assert sh(device, "getprop | grep ro.build.version.sdk")[1] == "[ro.build.version.sdk]: [34]\n"
    assert sh(device, "printf_missing | wc -l; echo $?")[1] == "0\n0\n"
    assert sh(device, "ps -A | head -n 2 | tail -n 1")[1].split()[-1] == "init"
    assert sh(device, "echo a b c | wc -w")[1] == "3\n"
    assert sh(device, "echo x | grep -q y; echo $?")[1] == "1\n"


def test_glob_on_device_fs(device):
    sh(device, "touch /data/local/tmp/a.png /data/local/tmp/b.png /data/local/tmp/c.txt")
    assert sh(device, "ls /data/local/tmp/*.png")[1] == "/data/local/tmp/a.png\n/data/local/tmp/b.png\n"
    assert sh(device, "echo '/data/local/tmp/*.png'")[1] == "/data/local/tmp/*.png\n"
    assert sh(device, "rm -f /data/local/tmp/*; ls /data/local/tmp")[1] == ""


def test_exit_stops_the_script(device):
    assert sh(device, "echo a; exit 3; echo b") == (3, "a\n", "")
    assert sh(device, "(exit 4); echo $?")[1] == "4\n"
    assert sh(device, "cd /data/local/tmp && pwd; (cd /; pwd); pwd")[1] == "/data/local/tmp\n/\n/data/local/tmp\n"


@pytest.mark.parametrize("script, message", [
    ("echo 'abc", "no closing quote"),
    ("echo ok &&", "syntax error: unexpected EOF"),
    ("; echo x", "syntax error: ';' unexpected"),
    ("echo )", "syntax error: ')' unexpected"),
    ("| wc", "syntax error: '|' unexpected"),
])
def test_syntax_errors_like_mksh(device, script, message):
    assert sh(device, script) == (1, "", f"/system/bin/sh: {message}\n")


def test_unknown_commands(device):
    assert sh(device, "frobnicate -x") == (127, "", "/system/bin/sh: frobnicate: inaccessible or not found\n")
    assert sh(device, "/data/local/tmp/atx-agent server")[0] == 127
    device.fs.write("/data/local/tmp/atx-agent", b"ELF")
    assert sh(device, "/data/local/tmp/atx-agent server")[0] == 126
    assert sh(device, "/system/bin/echo via-path")[1] == "via-path\n"


def test_background_job_completes_before_the_stream_ends(device):
    assert sh(device, "sleep 0.01 && echo late & echo early")[1] == "early\nlate\n"


_ARGS = st.lists(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                         max_size=12), min_size=1, max_size=5)


@settings(max_examples=200, deadline=None)
@given(_ARGS)
def test_shlex_quoted_arguments_round_trip(args):
    """adbutils quotes list commands with shlex.quote; each must come back as one word."""
    tokens = tokenize(" ".join(shlex.quote(a) for a in args))
    assert all(isinstance(t, Word) for t in tokens)
    words = ["".join(p.text for p in t.parts if isinstance(p, Lit)) for t in tokens]
    assert words == args


@settings(max_examples=50, deadline=None)
@given(_ARGS)
def test_echo_of_quoted_arguments(args):
    device = AndroidSystem()
    script = "echo -- " + " ".join(shlex.quote(a) for a in args)  # `--`: an arg may look like -n
    assert sh(device, script)[1] == "-- " + " ".join(args) + "\n"
