"""Files on disk, safely: capped reads, what a case folder holds, atomic writes that never
touch input, and the operating system's refusals named for the user."""
