# The commands a user types. Each target first installs what it needs from Debian's
# packages (tools/install-deps.sh, a no-op when everything is there).
JOBS ?= $(shell nproc)
FIRMWARE := build/firmware/stopwatch.elf
SIM := build/release/nucleo-sim

.PHONY: all firmware host release test mutants sim flash flash-stlink bench clean

all: firmware host

firmware:
	@tools/install-deps.sh firmware
	@cmake --preset firmware >/dev/null
	@cmake --build --preset firmware -j $(JOBS)

# The tests' build: the virtual board and every host test under ASan and UBSan.
host:
	@tools/install-deps.sh host
	@cmake --preset host >/dev/null
	@cmake --build --preset host -j $(JOBS)

# The virtual board users run (`make sim`, the README's examples, `make bench`):
# optimised, without sanitizers.
release:
	@tools/install-deps.sh host
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS) --target nucleo-sim

# Every test, the firmware build and its size check included, through CTest.
test: firmware host
	@ctest --preset host

# Plants each bug of tests/mutants/mutants.yaml in a copy of the tree and runs the suite
# on it: prints the mutation score and the survivors; fails below 100 %.
mutants: firmware host
	@tools/install-deps.sh mutants
	@/usr/bin/python3 tools/mutants.py

# The stopwatch live in the terminal (or a short demo when there is no terminal).
sim: firmware release
	@tools/run-sim.sh $(SIM) $(FIRMWARE)

flash: firmware
	@tools/install-deps.sh flash
	openocd -f board/st_nucleo_f4.cfg -c "program $(FIRMWARE) verify reset exit"

flash-stlink: firmware
	@tools/install-deps.sh flash
	st-flash --reset write build/firmware/stopwatch.bin 0x08000000

bench: firmware release
	@tools/install-deps.sh bench
	@bench/run.sh

clean:
	rm -rf build
