"""The assisted-conversions warehouse: runner, generator and checks."""
