"""Encounters: the consortium's public events about work in prison, with registration."""
