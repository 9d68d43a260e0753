"""What a reader asked for and how it reads: the selection, the classes and styles, the view
model, composing a view, and the words.
"""
