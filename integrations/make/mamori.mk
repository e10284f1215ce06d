# mamori.mk: mamori as a step of a Make build.
#
#   include path/to/mamori/integrations/make/mamori.mk
#   firmware.elf: $(OBJS) $(MAMORI_CHECKED)     # scan before the image is linked
#
# gives the target `mamori-check` and the variable MAMORI_CHECKED (a stamp file) to make a
# prerequisite of the firmware image. The scan runs again only when a file it read changed
# (mamori writes a depfile, included below), and once per invocation tree: recursive makes and
# -j share one stamp, and a lock (flock) makes a sub-make wait for a scan under way rather than
# start a second one. Set before the include, or on the command line:
#   MAMORI           the program (default: mamori on the PATH)
#   MAMORI_PATHS     what to scan (default: the directory of the including Makefile)
#   MAMORI_ROOT      what paths are named relative to (default: the git work tree, else .)
#   MAMORI_FAIL_ON   error|warning|note|never (default: the policy's fail_on, else error)
#   MAMORI_FLAGS     more `mamori scan` options (--policy FILE, --report sarif=FILE, ...)
#   MAMORI_STAMP     the stamp file (default: .mamori/mamori.stamp beside the including
#                    Makefile; exported, so sub-makes use the same one)

ifndef MAMORI_MK_INCLUDED
MAMORI_MK_INCLUDED := 1
# the including Makefile's default goal stays its own (the rules below would otherwise take it)
MAMORI_PREV_GOAL_ := $(.DEFAULT_GOAL)

MAMORI ?= mamori
MAMORI_DIR_ := $(patsubst %/,%,$(dir $(abspath $(firstword $(MAKEFILE_LIST)))))
MAMORI_PATHS ?= $(MAMORI_DIR_)
MAMORI_STAMP ?= $(MAMORI_DIR_)/.mamori/mamori.stamp
MAMORI_FLAGS ?=
MAMORI_FAIL_ON ?=
MAMORI_ROOT ?=
export MAMORI_STAMP MAMORI_PATHS MAMORI_ROOT MAMORI_FAIL_ON

# the invocation tree's start: the top-level make marks it; a scan newer than the mark was done
# by this tree (by another sub-make), so waiting for the lock and finding it is enough
ifeq ($(MAMORI_SESSION),)
MAMORI_SESSION := $(MAMORI_STAMP).session
export MAMORI_SESSION
MAMORI_SESSION_INIT_ := $(shell mkdir -p '$(dir $(MAMORI_STAMP))' && touch '$(MAMORI_SESSION)')
endif

MAMORI_CHECKED := $(MAMORI_STAMP)
MAMORI_FLOCK_ := $(shell command -v flock 2>/dev/null)

MAMORI_ARGS_ := scan --stamp '$(MAMORI_STAMP)' --depfile '$(MAMORI_STAMP).d' --color never \
	$(if $(MAMORI_ROOT),--root '$(MAMORI_ROOT)') \
	$(if $(MAMORI_FAIL_ON),--fail-on $(MAMORI_FAIL_ON)) $(MAMORI_FLAGS) $(MAMORI_PATHS)

$(MAMORI_STAMP):
	@mkdir -p '$(dir $(MAMORI_STAMP))'
	@$(if $(MAMORI_FLOCK_),'$(MAMORI_FLOCK_)' '$(MAMORI_STAMP).lock') sh -c \
	  'if [ -f "$$1" ] && [ "$$1" -nt "$$2" ]; then exit 0; fi; shift 2; \
	   echo "mamori: checking $(MAMORI_PATHS)"; exec "$$@"' mamori-check \
	  '$(MAMORI_STAMP)' '$(MAMORI_SESSION)' $(MAMORI) $(MAMORI_ARGS_)

-include $(MAMORI_STAMP).d

.PHONY: mamori-check
mamori-check: $(MAMORI_STAMP)

.DEFAULT_GOAL := $(MAMORI_PREV_GOAL_)
endif
