"""The accessible edition of documents, for posting online: tagged PDF/UA-1 made with typst."""
