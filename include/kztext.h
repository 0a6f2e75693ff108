/*
 * kztext.h — the public API of libkztext, a text library for Kazakh,
 * Russian and English news.
 *
 * This is the only header applications include.  The conventions every
 * function follows (status codes, caller buffers and `_alloc` twins,
 * invalid-UTF-8 policy, flags, thread safety) are written at the top of
 * kztext/core.h; each module's header documents its functions.
 */
#ifndef KZTEXT_H
#define KZTEXT_H

#include "kztext/case.h"
#include "kztext/core.h"
#include "kztext/detect.h"
#include "kztext/encoding.h"
#include "kztext/lang.h"
#include "kztext/namekey.h"
#include "kztext/normalize.h"
#include "kztext/pipeline.h"
#include "kztext/repair.h"
#include "kztext/script.h"
#include "kztext/segment.h"
#include "kztext/translit.h"
#include "kztext/utf8.h"

#endif /* KZTEXT_H */
