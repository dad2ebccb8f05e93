#!/usr/bin/env python
from hallbar.manage import main

if __name__ == "__main__":
    main()
