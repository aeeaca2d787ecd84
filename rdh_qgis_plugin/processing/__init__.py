"""Processing provider "rdh": one algorithm per engine capability."""
