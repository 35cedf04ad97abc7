#!/usr/bin/env python3
"""readability-lxml (Debian python3-readability) over a folder of HTML pages,
the peer of front_half_bench in bench/front_half.sh. Files are read first;
only Document(html).summary() is timed (process CPU time). Prints one line like front_half_bench."""
import pathlib
import sys
import time

from readability import Document


def main():
    paths = sorted(p for d in sys.argv[1:] for p in pathlib.Path(d).rglob('*') if p.suffix in ('.html', '.htm'))
    pages = [p.read_bytes().decode('utf-8', errors='replace') for p in paths]
    size = sum(len(p.encode('utf-8')) for p in pages)
    kept = 0
    start = time.process_time()
    for html in pages:
        try:
            kept += len(Document(html).summary())
        except Exception:  # readability raises on pages it cannot parse; count them as empty
            pass
    seconds = time.process_time() - start
    print(f'readability-lxml: {len(pages)} pages, {size} bytes, {seconds:.4f} s, '
          f'{len(pages) / seconds:.1f} pages/s, {size / 1e6 / seconds:.2f} MB/s, {kept} chars kept')


if __name__ == '__main__':
    main()
