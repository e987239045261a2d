from crisiskit.entry import main

main()
