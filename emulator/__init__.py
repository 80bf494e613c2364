"""Device provisioning: real Android emulators (AVDs) and the embedded virtual device."""
