/* cmd-fees.c: `kaohe fees` — placeholder until its issue lands. */
#include <sysexits.h>

#include "cmd.h"
#include "msg.h"

int cmd_fees(int argc, char **argv, struct kh_ctx *ctx)
{
	(void)argc;
	(void)argv;
	(void)ctx;
	kh_error("fees: %s", kh_tr("尚未实现", "not implemented yet"));
	return EX_SOFTWARE;
}
