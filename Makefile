# The commands a user types. Each target first installs what it needs from Debian's
# packages (tools/install-deps.sh, a no-op when everything is there).
JOBS ?= $(shell nproc)
FIRMWARE := build/firmware/stopwatch.elf
SIM := build/host/nucleo-sim

.PHONY: all firmware host test sim flash flash-stlink bench clean

all: firmware host

firmware:
	@tools/install-deps.sh firmware
	@cmake --preset firmware >/dev/null
	@cmake --build --preset firmware -j $(JOBS)

host:
	@tools/install-deps.sh host
	@cmake --preset host >/dev/null
	@cmake --build --preset host -j $(JOBS)

# Every test, the firmware build and its size check included, through CTest.
test: firmware host
	@ctest --preset host

# The stopwatch live in the terminal (or a short demo when there is no terminal).
sim: firmware host
	@tools/run-sim.sh $(SIM) $(FIRMWARE)

flash: firmware
	@tools/install-deps.sh flash
	openocd -f board/st_nucleo_f4.cfg -c "program $(FIRMWARE) verify reset exit"

flash-stlink: firmware
	@tools/install-deps.sh flash
	st-flash --reset write build/firmware/stopwatch.bin 0x08000000

bench: firmware
	@tools/install-deps.sh host bench
	@cmake --preset bench >/dev/null
	@cmake --build --preset bench -j $(JOBS) --target nucleo-sim
	@bench/run.sh

clean:
	rm -rf build
