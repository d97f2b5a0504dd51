"""Official papers in the window (issue 13): fill a form from the cache, let the officer edit it, print it or
save it as PDF through Qt's own machinery (QTextDocument, QPdfWriter, QPrinter, QPrintPreviewDialog)."""
