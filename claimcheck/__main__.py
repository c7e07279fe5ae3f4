from .cli import run

if __name__ == "__main__":  # a process the server spawns imports this module again as __mp_main__
    run()
