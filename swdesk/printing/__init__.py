"""Printed forms: reportlab PDFs, no Qt and no database.

- `fonts`: the font chain (user's system font, WenQuanYi Micro Hei, Hanazono Ext A/B subsets) and
  `MissingGlyphError` for a character none can draw;
- `markup`: `para_markup`/`paragraph`, the only way values enter Paragraph markup;
- `layout`: `AgencyHeader` and `render_form`, the A4 page with header, title and page numbers;
  `build_document` with `Section`s for documents of several parts (packets, batches), each
  numbered on its own where asked, with `mark`/`PageRef` for an index of pages;
- `tables`: label/value grids, data tables with repeated headers and totals, signature boxes;
- `capitals`: amounts in Chinese financial capitals (大写金额);
- `tounicode`: the fix that makes text beyond U+FFFF copy and extract correctly;
- `forms`: the forms themselves, one module each (see its docstring).
"""
