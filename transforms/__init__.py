"""Pure transforms: frames in, frames out. No I/O and no configuration reads in here."""
