package main
import ("fmt";"os";"github.com/anthology-editor/anthology/anthology/markdown";"github.com/anthology-editor/anthology/anthology/text")
func main(){ b,_:=os.ReadFile(os.Args[1]); d:=markdown.Parse(b); fmt.Println(text.Dump(d)) }
