"""Complaint reproduction: a YAML file naming an app, the steps a complainant took and what they
saw (`model`), replayed on a device with full capture (`replay`), judged (`judge`) and reported
(`reproduce`); `harness reproduce FILE` is the command.

Nothing is imported here: the model imports the scenario building blocks, which import
adbutils, and `--virtual` must export its private adb port before that happens."""
