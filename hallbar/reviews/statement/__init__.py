"""The EMAS environmental statement: generated from the system for an organisation and a reporting
year, as an HTML page and a PDF with the same content, and validated by the environmental verifier.

``content`` assembles what the statement says (plain data), ``calculations`` the core indicators
A / B = R, ``presentation`` labels and numbers for the page and the PDF (``pdf``), ``services`` every
write and the draft → validated rules, ``queries`` the read models of the pages (``views``).
"""
