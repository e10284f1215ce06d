/* Settings go to their own sector: a flash write that is no image. */
#include "http.h"

int config_save(http_request_t *request)
{
    // mamori-ok: update-unverified-image
    flash_write(request->body, request->bodylen, CONFIG_SECTOR);
    return 0;
}
